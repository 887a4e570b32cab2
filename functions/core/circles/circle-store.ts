// The circle's side of the Store port (ports.ts's Store extends it): one partition per circle holds the
// circle item and one item per member, so the page and the digest read it with one Query.
import type { Circle, CircleItems, CircleMember } from './circle.js';

export interface CircleStore {
  /** Writes the circle if its stored version is still `circle.version - 1` (0: new), with its due-index keys. */
  saveCircle(circle: Circle): Promise<boolean>;
  /** The circle and its members: one Query. */
  getCircle(circleId: string): Promise<CircleItems | undefined>;
  /** Adds a member, or (with `mustExist`) updates one that is still there: a removed member is never written back. */
  putCircleMember(member: CircleMember, mustExist?: boolean): Promise<boolean>;
  deleteCircleMember(circleId: string, goalId: string): Promise<void>;
  /** Circles on one due-index shard whose digest is due at or before `nowIso`. */
  dueCircles(shard: number, nowIso: string): AsyncIterable<Circle>;
  /** Records a one-a-week mark (a cheer, a relayed message); false when it was there already. */
  markCircleOnce(circleId: string, mark: string): Promise<boolean>;
}
