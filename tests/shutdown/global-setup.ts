import { ensureBuild } from "../../scripts/lib/ensure-build.ts";

/** `npm start` would build a stale .next itself, inside the first test's time limit: build it here instead. */
export default async function setup(): Promise<void> {
  await ensureBuild();
}
