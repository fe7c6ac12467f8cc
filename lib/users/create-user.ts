import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit.ts";
import { roleSchema } from "@/lib/auth/roles.ts";
import { AppError, ErrorCode } from "@/lib/errors.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";

export const passwordSchema = z.string().min(12, "at least 12 characters").max(256, "at most 256 characters");

export const newUserSchema = z.object({
  email: z.email("a valid email address").max(254).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1, "required").max(100),
  role: roleSchema,
  password: passwordSchema,
});
export type NewUser = z.input<typeof newUserSchema>;

/** Creates a user with a password (there is no public sign-up), audited in the same transaction. */
export async function createUser(prisma: PrismaClient, input: NewUser, actor: AuditActor, ip?: string | null) {
  const data = newUserSchema.parse(input);
  const hash = await hashPassword(data.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { id: randomUUID(), email: data.email, name: data.name, role: data.role } });
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash },
      });
      await recordAudit(tx, {
        actor,
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
        ip,
      });
      return user;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError(ErrorCode.CONFLICT, `A user with the email ${data.email} already exists`, { field: "email" });
    }
    throw err;
  }
}
