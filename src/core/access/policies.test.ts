import { describe, expect, it } from "vitest";
import {
  approvalPolicy,
  auditPolicy,
  invitePolicy,
  memberPolicy,
  orgPolicy,
  processPolicy,
  registerPolicy,
  tokenPolicy,
} from "./policies.js";
import { ROLES } from "./roles.js";

/** The intended access, written out by hand, so a slip in the policy data is caught here. */
describe("area policies", () => {
  it("only administrators manage the organization, its members and invitations", () => {
    for (const role of ROLES) {
      const admin = role === "admin";
      expect(orgPolicy.can({ role }, "update")).toBe(admin);
      expect(memberPolicy.can({ role }, "manage")).toBe(admin);
      expect(invitePolicy.can({ role }, "manage")).toBe(admin);
      expect(invitePolicy.can({ role }, "read")).toBe(admin);
    }
  });

  it("every member reads the organization and its members and holds tokens of their own", () => {
    for (const role of ROLES) {
      expect(orgPolicy.can({ role }, "read")).toBe(true);
      expect(memberPolicy.can({ role }, "read")).toBe(true);
      expect(tokenPolicy.can({ role }, "manage")).toBe(true);
    }
  });

  it("the audit trail is for administrators, the ISMS manager and auditors", () => {
    const expected = { admin: true, isms_manager: true, auditor: true, contributor: false, approver: false, viewer: false };
    for (const role of ROLES) {
      expect(auditPolicy.can({ role }, "read"), role).toBe(expected[role]);
      expect(auditPolicy.can({ role }, "verify"), role).toBe(expected[role]);
    }
  });

  it("a non-member can do nothing", () => {
    expect(orgPolicy.can({ role: null }, "read")).toBe(false);
  });

  it("registers are written by admins, the ISMS manager and contributors, and read by everyone", () => {
    const writers = { admin: true, isms_manager: true, contributor: true, approver: false, auditor: false, viewer: false };
    for (const role of ROLES) {
      expect(registerPolicy.can({ role }, "write"), role).toBe(writers[role]);
      expect(registerPolicy.can({ role }, "read"), role).toBe(true);
      expect(processPolicy.can({ role }, "manage"), role).toBe(role === "admin" || role === "isms_manager");
    }
  });

  it("only approvers decide on gates, and only the ISMS side asks for approval", () => {
    for (const role of ROLES) {
      expect(approvalPolicy.can({ role }, "decide"), role).toBe(role === "approver");
      expect(approvalPolicy.can({ role }, "request"), role).toBe(role === "admin" || role === "isms_manager");
      expect(approvalPolicy.can({ role }, "revoke"), role).toBe(role === "approver" || role === "admin");
    }
  });
});
