/**
 * The file name Scenario → Export saves a scenario as: a bundled scenario's own (`<id>.json`),
 * else its name in lower-case words joined by hyphens (`scenario.json` when that leaves nothing).
 */
export function exportFileName(sourceId: string | null, name: string | null): string {
  if (sourceId) return `${sourceId}.json`;
  const slug = (name ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'scenario'}.json`;
}
