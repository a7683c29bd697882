/** Whether the branch dialog is open, and at which step (the loss chart opens it with a click). */
import { create } from 'zustand';

export const useBranchDialog = create<{ at: number | null }>()(() => ({ at: null }));

/** Opens the branch dialog at a step (rounded; the dialog clamps it to the run). */
export function openBranchDialog(step: number): void {
  useBranchDialog.setState({ at: Math.max(0, Math.round(step)) });
}

export function closeBranchDialog(): void {
  useBranchDialog.setState({ at: null });
}
