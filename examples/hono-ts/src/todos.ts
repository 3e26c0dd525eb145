export interface Todo {
  id: number;
  title: string;
  done: boolean;
}

class TodoList {
  private readonly items = new Map<number, Todo>();
  private nextId = 1;

  constructor(titles: readonly string[]) {
    for (const title of titles) this.add(title);
  }

  add(title: string): Todo {
    const todo: Todo = { id: this.nextId++, title, done: false };
    this.items.set(todo.id, todo);
    return todo;
  }

  get(id: number): Todo | undefined {
    return this.items.get(id);
  }

  list(): Todo[] {
    return [...this.items.values()];
  }
}

// Each isolate (one per core) keeps its own list: fine for an example,
// not for data that must be shared.
export const todos = new TodoList(["read the README", "serve an app"]);
