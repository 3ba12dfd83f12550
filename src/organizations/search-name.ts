/** Case- and accent-insensitive form of a name: "Malmö" and "MALMO" both become "malmo". */
export function toSearchName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
