import { z } from 'zod';

// Validation messages a person reads are Swedish, wherever a contract is parsed.
z.config(z.locales.sv());

export { z };
