"use client";

import { Check, ChevronDown, ChevronRight, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { cn } from "@/lib/utils.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Props = {
  value: unknown;
  /** Objects and arrays deeper than this start collapsed. Default 3. */
  expandDepth?: number;
  /** Accessible name, e.g. "Payload of event 22736304". */
  label: string;
  className?: string;
};

/** JSON.stringify, typed as it behaves: undefined (and a function or symbol) has no JSON text. */
function stringify(value: unknown): string | undefined {
  return JSON.stringify(value, null, 2);
}

/**
 * JSON pretty-printed as text, with collapsible objects and arrays and a copy button. Everything is
 * rendered as React text nodes (never as HTML), so a payload can hold any string safely.
 */
export function JsonView({ value, expandDepth = 3, label, className }: Props) {
  // Expand/collapse all remounts the tree with a new starting depth.
  const [view, setView] = useState({ depth: expandDepth, generation: 0 });
  const text = stringify(value) ?? "undefined";
  return (
    <div className={cn("rounded-md border bg-muted/30", className)}>
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <Button variant="ghost" size="xs" onClick={() => setView((v) => ({ depth: Infinity, generation: v.generation + 1 }))}>
          Expand all
        </Button>
        <Button variant="ghost" size="xs" onClick={() => setView((v) => ({ depth: 1, generation: v.generation + 1 }))}>
          Collapse all
        </Button>
        <span className="ml-auto text-xs text-muted-foreground">{formatBytes(new TextEncoder().encode(text).length)}</span>
        <CopyButton text={text} />
      </div>
      <div role="region" aria-label={label} className="overflow-x-auto p-3 font-mono text-xs leading-5">
        <JsonNode key={view.generation} name={null} value={value as Json} depth={0} openDepth={view.depth} last />
      </div>
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth, last }: { name: string | null; value: Json; depth: number; openDepth: number; last: boolean }) {
  const [open, setOpen] = useState(depth < openDepth);
  const comma = last ? "" : ",";
  const key = name !== null && (
    <>
      <span className="text-sky-700 dark:text-sky-300">{JSON.stringify(name)}</span>
      <span className="text-muted-foreground">: </span>
    </>
  );
  // Each level indents by the width of a toggle; lines without a toggle (values, closing brackets) add one more.
  const indent = { paddingLeft: `${depth * 1.25}rem` };
  const textIndent = { paddingLeft: `${depth * 1.25 + 1.25}rem` };

  if (value === null || typeof value !== "object") {
    return (
      <div style={textIndent} className="whitespace-pre-wrap break-all">
        {key}
        <Scalar value={value} />
        <span className="text-muted-foreground">{comma}</span>
      </div>
    );
  }

  const isArray = Array.isArray(value);
  const entries: [string, Json][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openBracket, closeBracket] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div style={textIndent}>
        {key}
        <span className="text-muted-foreground">
          {openBracket}
          {closeBracket}
          {comma}
        </span>
      </div>
    );
  }
  const summary = isArray ? `${entries.length} item${entries.length === 1 ? "" : "s"}` : `${entries.length} key${entries.length === 1 ? "" : "s"}`;
  return (
    <div>
      <div style={indent} className="flex items-start">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={name === null ? (depth === 0 ? "Whole document" : "Array item") : name}
          className="mt-0.5 mr-1 inline-flex size-4 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          {open ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
        </button>
        <span className="whitespace-pre-wrap break-all">
          {key}
          <span className="text-muted-foreground">{openBracket}</span>
          {!open && (
            <>
              <button type="button" onClick={() => setOpen(true)} className="mx-1 rounded-sm px-1 text-muted-foreground italic hover:bg-accent" tabIndex={-1}>
                {summary}
              </button>
              <span className="text-muted-foreground">
                {closeBracket}
                {comma}
              </span>
            </>
          )}
        </span>
      </div>
      {open && (
        <>
          <div>
            {entries.map(([k, v], i) => (
              <JsonNode key={k} name={isArray ? null : k} value={v} depth={depth + 1} openDepth={openDepth} last={i === entries.length - 1} />
            ))}
          </div>
          <div style={textIndent} className="text-muted-foreground">
            {closeBracket}
            {comma}
          </div>
        </>
      )}
    </div>
  );
}

function Scalar({ value }: { value: string | number | boolean | null }) {
  if (typeof value === "string") return <span className="text-emerald-700 dark:text-emerald-400">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-amber-700 dark:text-amber-300">{String(value)}</span>;
  return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No Clipboard API outside secure contexts (plain http on a LAN address): fall back to a selection.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only way to copy outside a secure context
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button variant="outline" size="xs" onClick={() => void copy()} aria-live="polite">
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {copied ? "Copied" : "Copy JSON"}
    </Button>
  );
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}
