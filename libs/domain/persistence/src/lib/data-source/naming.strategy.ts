import { DefaultNamingStrategy, type Table } from 'typeorm';

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function tableNameOf(table: Table | string): string {
  const name = typeof table === 'string' ? table : table.name;
  // Drop a schema prefix ("public.user" -> "user").
  return name.split('.').pop() ?? name;
}

/**
 * snake_case columns and readable constraint names (pk_<table>,
 * fk_<table>_<columns>), so a unique-violation's constraint name can be
 * mapped to a field by the API and migrations diff cleanly.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy {
  override columnName(
    propertyName: string,
    customName: string | undefined,
    prefixes: string[],
  ): string {
    return customName ?? snake([...prefixes, propertyName].join('_'));
  }

  override joinColumnName(
    relationName: string,
    referencedColumnName: string,
  ): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `pk_${tableNameOf(table)}`;
  }

  override foreignKeyName(
    table: Table | string,
    columnNames: string[],
  ): string {
    return `fk_${tableNameOf(table)}_${columnNames.join('_')}`;
  }
}
