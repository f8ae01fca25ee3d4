export { render } from './render.js'
export type { RenderOptions } from './render-options.js'
