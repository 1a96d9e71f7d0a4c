// An endpoint's origin preference list, reorderable by drag and by keyboard (Alt+↑/↓ on a focused
// row, or the Move up/down buttons); each move is announced through an aria-live region.

import { useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  origins: string[];
  onChange(next: string[]): void;
  /** Shown next to each name, e.g. its type and location. */
  describe?(id: string): string | undefined;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function OriginOrderList({ origins, onChange, describe }: Props) {
  const [announcement, setAnnouncement] = useState('');
  const [dragIndex, setDragIndex] = useState<number>();
  const [overIndex, setOverIndex] = useState<number>();
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);

  const moveTo = (from: number, to: number, focus: 'row' | 'keep' = 'row') => {
    if (to < 0 || to >= origins.length || from === to) return;
    const next = move(origins, from, to);
    onChange(next);
    setAnnouncement(`${origins[from]} moved to position ${to + 1} of ${origins.length}. Order: ${next.join(', ')}.`);
    if (focus === 'row') requestAnimationFrame(() => rowRefs.current[to]?.focus());
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      moveTo(i, i - 1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveTo(i, i + 1);
    }
  };

  return (
    <div>
      <ol className="order-list" aria-label="Origins, in the order they are tried" aria-describedby="order-help">
        {origins.map((id, i) => (
          <li
            key={id}
            ref={(el) => {
              rowRefs.current[i] = el;
            }}
            className={`order-row ${dragIndex === i ? 'is-dragging' : ''} ${overIndex === i && dragIndex !== i ? 'is-over' : ''}`}
            tabIndex={0}
            draggable
            data-origin={id}
            aria-label={`${id}, position ${i + 1} of ${origins.length}`}
            onKeyDown={(e) => onKey(e, i)}
            onDragStart={(e) => {
              setDragIndex(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', id);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setOverIndex(i);
            }}
            onDragLeave={() => setOverIndex(undefined)}
            onDrop={(e) => {
              e.preventDefault();
              if (dragIndex !== undefined) moveTo(dragIndex, i, 'keep');
              setDragIndex(undefined);
              setOverIndex(undefined);
            }}
            onDragEnd={() => {
              setDragIndex(undefined);
              setOverIndex(undefined);
            }}
          >
            <span className="drag-handle" aria-hidden="true">⋮⋮</span>
            <span className="order-pos" aria-hidden="true">{i + 1}</span>
            <span className="order-name">
              <strong>{id}</strong>
              {describe?.(id) && <span className="muted small"> {describe(id)}</span>}
            </span>
            <span className="row gap-xs">
              <button type="button" className="btn btn-icon" aria-label={`Move ${id} up`} disabled={i === 0} onClick={() => moveTo(i, i - 1, 'keep')}>↑</button>
              <button type="button" className="btn btn-icon" aria-label={`Move ${id} down`} disabled={i === origins.length - 1} onClick={() => moveTo(i, i + 1, 'keep')}>↓</button>
              <button type="button" className="btn btn-icon" aria-label={`Remove ${id} from this endpoint`} disabled={origins.length === 1}
                onClick={() => {
                  onChange(origins.filter((o) => o !== id));
                  setAnnouncement(`${id} removed from the list.`);
                }}>✕</button>
            </span>
          </li>
        ))}
      </ol>
      <p id="order-help" className="hint">The first origin that has the file serves it. Drag rows, or focus one and press Alt+↑ / Alt+↓.</p>
      <div className="sr-only" aria-live="polite" role="status" data-testid="order-announcement">{announcement}</div>
    </div>
  );
}
