import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="max-w-md text-sm text-muted-foreground">Your role does not give access to this page. Ask an admin if you need it.</p>
      <Button asChild variant="outline">
        <Link href="/">Back to the overview</Link>
      </Button>
    </main>
  );
}
