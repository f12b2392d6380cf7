// Narrowing helpers are shared with the cloud rules that live beside their targets.
export * from "../../components/core/resource-props";
