import { BY_TIME, decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  const id = '0b0d2a53-2a49-4c8e-9d5f-0f1b5a0c6e11';

  it('reads back times as PostgreSQL writes them (zone "+00") and as ISO 8601', () => {
    for (const at of [
      '2026-12-02 05:20:30.123456+00',
      '2026-12-02T05:20:30.123Z',
      '2026-12-02 06:20:30+01:00',
    ]) {
      expect(decodeCursor(encodeCursor([at, id]), BY_TIME)).toEqual([at, id]);
    }
  });

  it('refuses forged cursors as BAD_USER_INPUT naming after', () => {
    for (const forged of [
      'not-base64!',
      encodeCursor(['yesterday', id]),
      encodeCursor(['2026-12-02T05:20:30Z']),
    ]) {
      expect(() => decodeCursor(forged, BY_TIME)).toThrow(/after/);
    }
  });
});
