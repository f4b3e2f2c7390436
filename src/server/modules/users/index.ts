// The users module's public surface for other modules.
export {
  assertPasswordAcceptable,
  countUsers,
  createUser,
  findUserByEmail,
  findUserById,
  randomAcceptablePassword,
  setPassword,
} from "./users.repo.js";
