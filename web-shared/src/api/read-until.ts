/**
 * Reads again until the read shows a command's effect, within a bound: on a Camunda 8.8 cluster the reads by key and
 * the searches lag behind the commands, so a read right after a command may still show the state before it. The page
 * shows the expected state at once and uses this to replace it with the server's as soon as the server agrees; if it
 * never does within the bound, the last read is what the server says, and that is what the page shows.
 */
export const REREAD_TRIES = 6;
export const REREAD_INTERVAL_MS = 800;

export async function readUntil<T>(read: () => Promise<T>, agrees: (value: T) => boolean, tries = REREAD_TRIES, intervalMs = REREAD_INTERVAL_MS): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < tries && !agrees(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}
