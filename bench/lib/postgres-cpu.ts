// CPU seconds used by the PostgreSQL backends serving the bench database (the server's pool connections), read
// from /proc: shows how much of each delivery's cost lands in Postgres rather than in the Node server. Only
// meaningful for a server on this machine (the bench insists on loopback); null where /proc can't be read.
import pg from "pg";
import { processCpuSeconds } from "./server.ts";

export class PostgresCpu {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  static async connect(url: string, database: string): Promise<PostgresCpu> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new PostgresCpu(client, database);
  }

  /** pid → CPU seconds of every client backend on the database (this monitor's own excluded). */
  async sample(): Promise<Map<number, number> | null> {
    const { rows } = await this.client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      [this.database],
    );
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu === null) return null;
      out.set(pid, cpu);
    }
    return out;
  }

  /** CPU seconds used between two samples (backends that connected in between count from zero). */
  static used(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
    if (!before || !after) return null;
    let total = 0;
    for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
    return total;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
