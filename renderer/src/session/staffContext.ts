// Whether the staff sign-in or console is open on this page. The kiosk reads it to keep scans away from member
// identification and to hold page reloads until staff have left.
import { createContext, useContext } from 'react';

export const StaffActiveContext = createContext(false);

export function useStaffActive(): boolean {
  return useContext(StaffActiveContext);
}
