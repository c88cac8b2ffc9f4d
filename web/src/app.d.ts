import type { Me } from '#contracts/auth.ts';

declare global {
  namespace App {
    interface Locals {
      user: Me | null;
      /** This request's instant, from the app's clock. */
      now: Date;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
