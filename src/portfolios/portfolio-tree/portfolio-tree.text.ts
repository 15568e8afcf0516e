import type { PortfolioTreeNode } from '../../../domain/portfolios/index.js';

/** The tree as indented lines, for people at a terminal. */
export const portfolioTreeLines = (node: PortfolioTreeNode, depth = 0): string[] => {
  const indent = '  '.repeat(depth);
  return [
    `${indent}${node.portfolioId} [${node.tier}] ${node.name}`,
    ...node.children.flatMap((child) => portfolioTreeLines(child, depth + 1)),
    ...node.derIds.map((derId) => `${indent}  - ${derId}`),
  ];
};
