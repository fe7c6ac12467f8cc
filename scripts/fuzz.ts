// `npm run fuzz -- [--runs N] [--seed S]`: the webhook's property-based suite
// (tests/integration/webhook/fuzz.test.ts) with more runs and a fresh seed, printed so a failure can be
// replayed (`npm run fuzz -- --runs N --seed S`). Uses TEST_DATABASE_URL's server when set, else PGlite.
import { describeDatabaseMode, runVitest } from "./lib/run-vitest.ts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg("runs") ?? 5_000);
const seed = Number(arg("seed") ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- [--runs N] [--seed S]");
  process.exit(2);
}
console.log(describeDatabaseMode());
console.log(`[fuzz] ${runs} runs, seed ${seed} (replay with: npm run fuzz -- --runs ${runs} --seed ${seed})`);
process.env.FUZZ_RUNS = String(runs);
process.env.FUZZ_SEED = String(seed);
process.exit(await runVitest(["tests/integration/webhook/fuzz.test.ts"]));
