/**
 * Pages that must read the same for every address (sign-up, "find my goals") go out no sooner than a floor
 * above the usual time of their slow path: a suppressed or unknown address is neither written nor emailed,
 * and would otherwise be answered tens of milliseconds sooner — which would tell who has goals here.
 */
export async function notBefore(at: number): Promise<void> {
  const wait = at - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
