// The users module's public surface for other modules.
export { countUsers, createUser, findUserByEmail, randomAcceptablePassword } from "./users.repo.js";
