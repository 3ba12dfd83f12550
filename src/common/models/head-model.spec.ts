import { headModel } from './head-model.js';

class Thing {
  id: string;
  title: string;
  note: string | null;
}

describe('headModel', () => {
  const ThingHead = headModel(Thing, ['note']);

  it('is the model, with the fields it read', () => {
    const head = new ThingHead();
    head.id = 'a';
    head.title = 'A';
    expect(head).toBeInstanceOf(Thing);
    expect([head.id, head.title]).toEqual(['a', 'A']);
    expect(ThingHead.name).toBe('ThingHead');
  });

  it('refuses the fields it did not read, and does not list them', () => {
    const head = new ThingHead();
    expect(() => head.note).toThrow('Thing.note was not read by this statement');
    expect(Object.keys(Object.assign(head, { id: 'b' }))).toEqual(['id']);
    expect(() => {
      head.note = 'x';
    }).toThrow(TypeError);
  });
});
