// Helpers for the staff console specs: the corner long press, PIN entry on the keypad, and the demo staff.
import { expect, type Page } from '@playwright/test';
import { z } from 'zod';
import { StaffAuditEntry } from '../../../contracts/staff.ts';
import { DEMO_STAFF } from '../../../edge-agent/src/staff/demo-staff.ts';

export const li = DEMO_STAFF.find((s) => s.staffId === 'staff-li')!;
export const zhao = DEMO_STAFF.find((s) => s.staffId === 'mgr-zhao')!;

/** Holds a finger (the mouse) at (x, y) for `ms`, then lifts it. `fakeClock`: the page's clock is installed, so move it. */
export async function longPress(page: Page, x: number, y: number, ms: number, fakeClock = false): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  if (fakeClock) await page.clock.fastForward(ms);
  else await page.waitForTimeout(ms); // pacing, not waiting: the finger is held down in real time for ms
  await page.mouse.up();
}

/** The staff entry: three seconds and a bit on the top-left corner. */
export async function openStaffSignIn(page: Page, fakeClock = false): Promise<void> {
  await longPress(page, 30, 30, 3300, fakeClock);
  await expect(page.getByTestId('staff-signin')).toBeVisible();
}

export async function enterPin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByTestId(`pin-key-${d}`).click();
  await page.getByTestId('pin-ok').click();
}

export async function signInWithPin(page: Page, staffId = li.staffId, pin = li.pin, fakeClock = false): Promise<void> {
  await openStaffSignIn(page, fakeClock);
  await page.getByTestId(`staff-${staffId}`).click();
  await enterPin(page, pin);
  await expect(page.getByTestId('staff-console')).toBeVisible();
}

type Call = (method: string, params?: unknown) => Promise<{ body: unknown }>;

// The parts of the staff API's answers read here (zod objects ignore the other fields).
const SignedIn = z.object({ data: z.object({ staffSession: z.string() }) });
const Settings = z.object({ data: z.object({ effective: z.record(z.string(), z.unknown()), sources: z.record(z.string(), z.string()) }) });
const Status = z.object({ data: z.object({ audit: z.array(StaffAuditEntry) }) });

/** Runs `fn` with a staff session of its own (signed in through the API as Li Na, signed out after). */
async function asStaff<T>(call: Call, fn: (session: string) => Promise<T>): Promise<T> {
  const r = await call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: li.pin });
  const session = SignedIn.parse(r.body).data.staffSession;
  try {
    return await fn(session);
  } finally {
    await call('staff.signOut', { staffSession: session, reason: 'button' });
  }
}

/** The agent's view of a setting (effective value and where it comes from), through the staff API. */
export async function agentSetting(call: Call, field: string): Promise<{ value: unknown; source: string }> {
  return asStaff(call, async (session) => {
    const { data } = Settings.parse((await call('staff.settings', { staffSession: session })).body);
    return { value: data.effective[field], source: data.sources[field] ?? '' };
  });
}

/** The agent's latest audit entries, newest first (the look-up's own sign-in is the first). */
export async function agentAudit(call: Call): Promise<StaffAuditEntry[]> {
  return asStaff(call, async (session) => Status.parse((await call('staff.status', { staffSession: session })).body).data.audit);
}
