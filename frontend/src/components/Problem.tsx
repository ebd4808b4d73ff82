/** A failed request, said plainly, with a way to try again. */
export function Problem({ what, error, retry }: { what: string; error: Error; retry: () => void }) {
  return (
    <div role="alert" className="banner">
      Could not load {what}: {error.message}{" "}
      <button type="button" onClick={retry}>
        Retry
      </button>
    </div>
  );
}
