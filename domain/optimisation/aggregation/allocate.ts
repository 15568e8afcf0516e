/**
 * Shares a group's power among its members in one interval: member i gets `out[i]` in
 * [lo[i], hi[i]], starting from `proposal[i]` (clamped into its range); what the proposals leave
 * of `targetKw` goes to the members in proportion to their room in that direction, which never
 * pushes one past its limit, so a single pass suffices. Returns the part of the target no member
 * could take (0 when the sum matches): the caller reports it as the group's deficit.
 *
 * `lo[i] <= hi[i]` is the caller's invariant (each member's own state guarantees it).
 */
export const allocate = (
  targetKw: number,
  proposal: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  out: Float64Array,
  count: number,
): number => {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.min(hi[i]!, Math.max(lo[i]!, proposal[i]!));
    out[i] = p;
    total += p;
  }
  const residual = targetKw - total;
  if (residual === 0) return 0;
  let room = 0;
  if (residual > 0) for (let i = 0; i < count; i++) room += hi[i]! - out[i]!;
  else for (let i = 0; i < count; i++) room += out[i]! - lo[i]!;
  if (room <= 0) return residual;
  const share = Math.min(1, Math.abs(residual) / room);
  if (residual > 0) for (let i = 0; i < count; i++) out[i]! += share * (hi[i]! - out[i]!);
  else for (let i = 0; i < count; i++) out[i]! -= share * (out[i]! - lo[i]!);
  return residual > 0 ? Math.max(0, residual - room) : Math.min(0, residual + room);
};
