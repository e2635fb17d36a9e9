export function headerClassifier(): string {
  return 'header-classifier';
}
