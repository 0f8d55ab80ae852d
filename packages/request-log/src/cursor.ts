import { failure, success, type Result } from '@palisade/core';

/** Where a newest-first page stopped: the last row's time and id. */
export interface PagePosition {
  readonly time: number;
  readonly id: number;
}

const LONGEST_CURSOR = 96;
const POSITION = /^([a-z]):(-?\d{1,16}):(\d{1,16})$/;

/**
 * An opaque cursor for the page after `position`. `scope` (one letter) keeps a cursor of
 * one listing from being taken by another.
 */
export function encodeCursor(scope: string, position: PagePosition): string {
  return Buffer.from(`${scope}:${position.time}:${position.id}`).toString('base64url');
}

/** The position a cursor stands for, or a failure for anything this log did not hand out. */
export function decodeCursor(scope: string, cursor: unknown): Result<PagePosition> {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > LONGEST_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return failure('the cursor is not one this log handed out');
  }
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const time = Number(match?.[2]);
  const id = Number(match?.[3]);
  if (match?.[1] !== scope || !Number.isSafeInteger(time) || !Number.isSafeInteger(id)) {
    return failure('the cursor is not one this log handed out');
  }
  return success({ time, id });
}
