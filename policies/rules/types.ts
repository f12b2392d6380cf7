// The rule contract is shared with the cloud rules that live beside their targets.
export * from "../../components/core/rule-contract";
