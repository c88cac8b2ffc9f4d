import type { Me } from '#contracts/auth.ts';

declare global {
  namespace App {
    interface Locals {
      user: Me | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
