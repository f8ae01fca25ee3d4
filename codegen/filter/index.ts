export {
  filterRelations,
  qualifiedName,
  schemasOfPatterns,
  type RelationFilter,
} from './filter-relations.js'
