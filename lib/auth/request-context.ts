import "server-only";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "./client-ip.ts";

/** The request's headers and client IP (set by scripts/server.ts from the socket or a trusted proxy). */
export async function requestContext(): Promise<{ headers: Headers; ip: string }> {
  const h = await headers();
  return { headers: h, ip: h.get(CLIENT_IP_HEADER) ?? "unknown" };
}
