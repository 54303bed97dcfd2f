export { checkBodyAgainstSchema, findSchemaProblems, allowedElements, elementType, schemaEntities } from './check-body';
export type { SchemaProblem, SchemaProblemKind } from './check-body';
