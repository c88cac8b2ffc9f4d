import type { Me } from '#contracts/auth.ts';

declare global {
  namespace App {
    interface Locals {
      user: Me | null;
      /** This request's instant, from the app's clock. */
      now: Date;
      /** The reader's language (the cookie "sprak"; Swedish unless they chose English). */
      lang: import('#lib/i18n.ts').Lang;
    }
    /** What the app gives its pages (server/web.ts): its API answered in-process, no socket, and its clock. */
    interface Platform {
      api: (request: Request, client: { protocol: string; ip: string }) => Promise<Response>;
      now: () => Date;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
