// `npm run fake:firstpromoter -- [--port 4010] [--key demo-key] [--account demo-account] [--delay-ms 0]
//   [--data-file path.json] [--seed-demo]`: the fake FirstPromoter API v2 on loopback, for trying the
// outbox against something that answers like FirstPromoter (tests and `npm start` embedded run their own).
// Faults: POST /__fake/faults with the same Bearer key, e.g. [{"kind":"error_500","times":3}].
import { DEMO, demoStream } from "./lib/demo-data.ts";
import { commissionsFromStream } from "../lib/fake-firstpromoter/seed-from-stream.ts";
import { serveFakeFirstPromoter } from "../lib/fake-firstpromoter/serve-fake-firstpromoter.ts";

function arg(name: string, fallback: string): string;
function arg(name: string): string | undefined;
function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const server = await serveFakeFirstPromoter({
  port: Number(arg("port", "4010")),
  apiKey: arg("key", "demo-key"),
  accountId: arg("account", "demo-account"),
  answerDelayMs: Number(arg("delay-ms", "0")),
  dataFile: arg("data-file"),
});
if (process.argv.includes("--seed-demo") && server.fake.commissions.size === 0) {
  server.fake.seed(commissionsFromStream(demoStream(), DEMO.seed));
}
console.log(`[fake-firstpromoter] ${server.url} (${server.fake.commissions.size} commissions); key and account from --key/--account`);
process.on("SIGINT", () => void server.stop().then(() => process.exit(0)));
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
