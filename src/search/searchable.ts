/** The text a searchable attribute stands for: its strings, or for codes the words of their labels. */
export function searchableStrings(value: unknown, labels: Record<string, string[]> | undefined): string[] {
  const pieces = (Array.isArray(value) ? value : [value])
    .filter((p) => typeof p === 'string' || typeof p === 'number')
    .map(String);
  return labels ? pieces.flatMap((code) => labels[code] ?? []) : pieces;
}
