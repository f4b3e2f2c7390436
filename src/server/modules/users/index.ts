// The users module's public surface for other modules.
export { createUser, findUserByEmail, randomAcceptablePassword } from "./users.repo.js";
