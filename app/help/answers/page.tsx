import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "How to type answers" };

// NOTE: keep this page in step with the grading guide in docs/grading.md and with the input hints
// that lib/questions shows under each answer box.
export default function AnswerHelpPage() {
  return (
    <>
      <h1>How to type answers</h1>
      <p>
        Every answer is read on the server first. While you type, the line under the box shows how your answer was
        read; check it before you submit. Seeing that preview never uses an attempt and says nothing about whether the
        answer is right.
      </p>

      <h2>Kinds of answer</h2>
      <dl className="pairs">
        <dt>Whole number</dt>
        <dd>
          Digits, such as <code>205</code>. Arithmetic is allowed: <code>12*(3+1) + 13</code>.
        </dd>
        <dt>Number</dt>
        <dd>
          A decimal with a point, scientific notation or a fraction: <code>0.25</code>, <code>1.5e-3</code>,{" "}
          <code>3/8</code>. Do not use a comma as the decimal separator. The question says how close a number has to be.
        </dd>
        <dt>Expression</dt>
        <dd>
          Use the variable names the question gives, <code>*</code> for multiplication and <code>^</code> for powers:{" "}
          <code>K*(p+1) + K^2</code>. Any expression equal to the expected one is accepted.
        </dd>
        <dt>Vector</dt>
        <dd>
          Numbers in square brackets, separated by commas: <code>[1.5, -2, 0.25]</code>.
        </dd>
        <dt>Matrix</dt>
        <dd>
          Rows in brackets, inside brackets: <code>[[1, 2], [3, 4]]</code> is the matrix with first row 1, 2.
        </dd>
        <dt>Choice</dt>
        <dd>Pick one option, or every option that applies when the question says so.</dd>
      </dl>

      <h2>What you may type</h2>
      <dl className="pairs">
        <dt>Scientific notation</dt>
        <dd>
          <code>1e-3</code>, <code>1E-3</code>, <code>1*10^-3</code>, <code>1×10^(-3)</code> and <code>1·10^-3</code> all
          mean 0.001.
        </dd>
        <dt>Constants and functions</dt>
        <dd>
          <code>pi</code>, <code>e</code>, <code>sqrt(x)</code>, <code>exp(x)</code>, <code>abs(x)</code>. Functions need
          brackets: <code>sqrt(2)</code>, not <code>sqrt 2</code>.
        </dd>
        <dt>Logarithms</dt>
        <dd>
          <code>ln(x)</code> and <code>log(x)</code> are both the <strong>natural logarithm</strong> (base e). Use{" "}
          <code>log10(x)</code>, <code>log2(x)</code> or <code>log(x, b)</code> for another base.
        </dd>
        <dt>Commas</dt>
        <dd>
          A comma is never a decimal point and never a thousands separator: <code>1,5</code> and <code>1,345</code> get a
          message asking you to write <code>1.5</code>, <code>1.345</code> or <code>1345</code>. Commas only separate the
          entries of a vector or matrix.
        </dd>
        <dt>Multiplication</dt>
        <dd>
          <code>2K</code>, <code>2 K</code> and <code>K(p+1)</code> are products when <code>K</code> is one of the
          question&apos;s variables. <code>Kp</code> is read as one name, so write <code>K*p</code>. The preview shows every
          multiplication sign, so you can check how a product was read.
        </dd>
        <dt>Significant figures</dt>
        <dd>
          When a question asks for n significant figures, give at least n, and every figure you write must be right:
          for π to 3 figures, <code>3.14</code> and <code>3.142</code> are right, <code>3.141</code> is wrong. Trailing
          zeros after a point count (<code>1.50</code> has 3 figures).
        </dd>
        <dt>Unicode signs</dt>
        <dd>
          The minus sign <code>−</code>, <code>×</code>, <code>·</code> and <code>÷</code> are read as <code>-</code>,{" "}
          <code>*</code> and <code>/</code>.
        </dd>
      </dl>
      <p>
        Answers longer than 2,500 characters, very deep brackets, huge powers or factorials (above 170!) are rejected
        with a format error instead of being computed.
      </p>
      <h2>When an answer cannot be read</h2>
      <p>
        If any part cannot be read (an empty box, text in a number box, unbalanced brackets), the submission is not
        graded: it is kept in your history with a message saying what to fix, it does not count as an attempt and it
        does not change your progress.
      </p>

      <h2>After grading</h2>
      <p>
        Each part gets a score and feedback. When your answer matches a typical mistake, such as counting recurrent
        weights once per time step, the feedback names the mistake. The worked solution appears after your first graded
        submission on a variant. To practise again with new numbers, use <strong>New variant</strong> on the question
        page.
      </p>

      <p>
        <Link href="/">Back to the dashboard</Link>
      </p>
    </>
  );
}
