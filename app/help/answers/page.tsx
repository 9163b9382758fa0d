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
