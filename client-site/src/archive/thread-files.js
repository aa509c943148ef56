// What the page loads on demand when a reader downloads or checks a thread file.
export { threadCar } from './thread-car.js'
export { threadJson } from './thread-json.js'
export { verifyArchive } from './verify-archive.js'
