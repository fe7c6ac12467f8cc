// npm run user:create -- --email a@b.c [--name "A B"] [--role admin|viewer] [--password-stdin]
// Creates a user. Without --password-stdin a strong password is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getDb } from "@/lib/db/index.ts";
import { AppError } from "@/lib/errors.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { ZodError } from "zod";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "viewer" },
    "password-stdin": { type: "boolean", default: false },
  },
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (in embedded mode, run this while `npm start` runs, with the URL it printed).");
  process.exit(2);
}
if (!values.email) {
  console.error('usage: npm run user:create -- --email you@example.com [--name "Your Name"] [--role admin|viewer] [--password-stdin]');
  process.exit(2);
}
const generated = !values["password-stdin"];
const password = generated ? randomBytes(18).toString("base64url") : await readStdin();
const { prisma, pool } = getDb({ connectionString: url });
try {
  const user = await createUser(
    prisma,
    { email: values.email, name: values.name ?? values.email.split("@")[0] ?? values.email, role: values.role as "admin", password },
    { id: "cli", email: "cli" },
  );
  console.log(`created ${user.role} ${user.email}`);
  if (generated) console.log(`password: ${password}\n(shown once; change it after signing in)`);
} catch (err) {
  if (err instanceof ZodError) console.error(`invalid input: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  else if (err instanceof AppError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await pool.end();
}
