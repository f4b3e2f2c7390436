// The users module's public surface for other modules.
export {
  anyUserExists,
  assertPasswordAcceptable,
  countUsers,
  createUser,
  displayNames,
  findUserByEmail,
  findUserById,
  randomAcceptablePassword,
  setPassword,
} from "./users.repo.js";
