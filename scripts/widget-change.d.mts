import type { Page } from '@playwright/test';

export function addControl(args: { name: string; before?: string }): void;
export const controlPage: string;
export function measureInPage(args: { name: string; selector: string; n: number }): Promise<unknown>;
export function placeholdersMeasured(page: Page): Promise<void>;
