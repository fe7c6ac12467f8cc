export default function Loading() {
  return (
    <main className="mx-auto max-w-5xl animate-pulse space-y-6 p-6" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-40 rounded bg-muted" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => <div key={i} className="h-20 rounded bg-muted" />)}
      </div>
      <div className="h-64 rounded bg-muted" />
    </main>
  );
}
