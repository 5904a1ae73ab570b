/** Facts about other processes on this machine. */

/** True when a process with this pid exists on this machine (EPERM: it exists, it is just not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
