import { containersOf, podOf, type ContainerView } from "../k8s";
import type { Props, ResourceRule } from "../types";

/** Lifts a check over one pod spec into a resource rule for Pods and every workload kind. */
export function podRule(check: (podSpec: Props) => string[]): ResourceRule {
  return (type, props) => {
    const pod = podOf(type, props);
    return pod ? check(pod.spec) : [];
  };
}

/** Same, one container at a time; messages name the container. */
export function containerRule(check: (container: Props, podSpec: Props) => string | undefined): ResourceRule {
  return podRule((podSpec) =>
    containersOf(podSpec).flatMap((view: ContainerView) => {
      const message = check(view.container, podSpec);
      return message ? [`container "${view.name}": ${message}`] : [];
    }),
  );
}
