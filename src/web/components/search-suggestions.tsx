/**
 * Autocomplete without script: a <datalist> the search box names in its `list` attribute. The browser shows
 * the options that hold what was typed; the CSP stays script-free.
 */
export function SearchSuggestions({ id, options }: { id: string; options: readonly string[] }) {
  return (
    <datalist id={id}>
      {options.map((text) => (
        <option value={text} />
      ))}
    </datalist>
  );
}
