/** A published text users consent to: each change gets a new version, and registration asks for the current one. */
export interface PolicyText {
  title: string;
  version: string;
  /** The day the version takes effect (YYYY-MM-DD). */
  effectiveDate: string;
  /** The body, section by section; `contact` is the configured personal-information protection contact. */
  sections(contact: string): { heading: string; paragraphs: string[] }[];
}
