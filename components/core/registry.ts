/**
 * A list of named entries, the built-in ones first, that code outside this repository (or a
 * test) may extend at run time. Names are unique; `register` returns the entry's removal.
 */
export interface Registry<Entry> {
  entries(): readonly Entry[];
  register(entry: Entry): () => void;
}

export function createRegistry<Entry>(
  builtIns: readonly Entry[],
  nameOf: (entry: Entry) => string,
  what: string,
): Registry<Entry> {
  const registered: Entry[] = [...builtIns];
  return {
    entries: () => registered,
    register: (entry) => {
      const name = nameOf(entry);
      if (registered.some((known) => nameOf(known) === name))
        throw new Error(`${what} "${name}" is already registered`);
      registered.push(entry);
      return () => {
        const index = registered.indexOf(entry);
        if (index >= 0) registered.splice(index, 1);
      };
    },
  };
}
