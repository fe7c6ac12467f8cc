// Runs in every test worker before each test file. DATABASE_URL names the developer's real database;
// removing it makes any code path that would fall back to it fail loudly instead of writing there.
// Test databases come from createTestDatabase() (tests/helpers/database.ts).
delete process.env.DATABASE_URL;
