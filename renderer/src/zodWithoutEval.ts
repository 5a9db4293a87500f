// Must be the first import of the page. zod compiles fast parsers with `new Function` unless told not to; the
// kiosk's CSP (script-src 'self', no 'unsafe-eval') forbids that, and even zod's guarded probe for it is
// reported as a CSP violation. Schemas decide at construction time, so this runs before any contract module.
import { z } from 'zod';

z.config({ jitless: true });
