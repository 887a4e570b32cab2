// Active goals are spread over a fixed number of due-index partitions so no single partition is hot;
// the tick queries each shard for nextCheckinAt <= now. The shard is derived from the goal id alone.
import { createHash } from 'node:crypto';

export const DUE_SHARDS = 4;

export function dueShard(goalId: string): string {
  const n = createHash('sha256').update(goalId).digest().readUInt32BE(0) % DUE_SHARDS;
  return `DUE#${n}`;
}
