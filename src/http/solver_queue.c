/*
 * solver_queue.c - the one thread that runs solver jobs (GLPK is neither
 * reentrant nor quick), with its own database connection and a short queue.
 * A request that submits a job has its connection suspended and resumed
 * when the job is done, so request threads never block on a solve. What a
 * job does is the submitter's (h_match.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/solve.h"
#include "http_internal.h"

#define QUEUE_MAX 4

struct fm_solve_job {
    pthread_mutex_t lock;
    fm_solve_fn fn;
    void *arg;
    void (*free_arg)(void *);
    struct MHD_Connection *conn;
    bool done, suspended;
    fm_rc rc;
    fm_err err;
    cJSON *result;
    fm_solve_job *next;
};

struct fm_solver_queue {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    fm_solve_job *head, *tail;
    size_t waiting;
    bool stopping, started;
    fm_store *db;
    pthread_mutex_t board_lock; /* guards run */
    fm_solver_run run;
    atomic_int stop; /* the running solve's stop flag */
};

static void job_finish(fm_solve_job *job, fm_rc rc, const fm_err *err, cJSON *result)
{
    pthread_mutex_lock(&job->lock);
    job->rc = rc;
    if (err)
        job->err = *err;
    job->result = result;
    job->done = true;
    if (job->suspended)
        MHD_resume_connection(job->conn);
    /* After this unlock the request may free the job: touch nothing more. */
    pthread_mutex_unlock(&job->lock);
}

static void *solver_main(void *arg)
{
    struct fm_solver_queue *q = arg;

    for (;;) {
        fm_solve_job *job;
        cJSON *result = NULL;
        fm_err err = {0};
        fm_rc rc;

        pthread_mutex_lock(&q->lock);
        while (!q->head && !q->stopping)
            pthread_cond_wait(&q->cond, &q->lock);
        job = q->head;
        if (job) {
            q->head = job->next;
            if (!q->head)
                q->tail = NULL;
            q->waiting--;
        }
        pthread_mutex_unlock(&q->lock);
        if (!job)
            break; /* stopping and nothing left */
        if (q->stopping) {
            fm_err_set(&err, FM_ECONFLICT, "the server is shutting down");
            job_finish(job, FM_ECONFLICT, &err, NULL);
            continue;
        }
        rc = job->fn(q->db, job->arg, &result, &err);
        if (rc) {
            cJSON_Delete(result);
            result = NULL;
        }
        job_finish(job, rc, &err, result);
    }
    fm_solve_thread_exit();
    return NULL;
}

fm_rc fm_solver_queue_start(fm_server *srv, fm_err *err)
{
    struct fm_solver_queue *q = calloc(1, sizeof *q);
    fm_rc rc;

    if (!q)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    pthread_mutex_init(&q->lock, NULL);
    pthread_mutex_init(&q->board_lock, NULL);
    pthread_cond_init(&q->cond, NULL);
    srv->solver = q;
    rc = fm_store_open(srv->db_path, &q->db, err);
    if (rc)
        return rc;
    if (pthread_create(&q->thread, NULL, solver_main, q) != 0)
        return fm_err_set(err, FM_ENOMEM, "cannot start the solver thread");
    q->started = true;
    return FM_OK;
}

void fm_solver_queue_stop(fm_server *srv)
{
    struct fm_solver_queue *q = srv->solver;

    if (!q)
        return;
    if (q->started) {
        pthread_mutex_lock(&q->lock);
        q->stopping = true;
        pthread_cond_broadcast(&q->cond);
        pthread_mutex_unlock(&q->lock);
        pthread_join(q->thread, NULL);
    }
    fm_store_close(q->db);
    pthread_mutex_destroy(&q->lock);
    pthread_mutex_destroy(&q->board_lock);
    pthread_cond_destroy(&q->cond);
    free(q);
    srv->solver = NULL;
}

fm_rc fm_solver_queue_submit(fm_http_ctx *c, fm_solve_fn fn, void *arg, void (*free_arg)(void *),
                             fm_http_handler finish, fm_err *err)
{
    struct fm_solver_queue *q = c->srv->solver;
    fm_solve_job *job = calloc(1, sizeof *job);

    if (!job) {
        if (free_arg)
            free_arg(arg);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&job->lock, NULL);
    job->fn = fn;
    job->arg = arg;
    job->free_arg = free_arg;
    job->conn = c->conn;
    pthread_mutex_lock(&q->lock);
    if (q->waiting >= QUEUE_MAX || q->stopping) {
        pthread_mutex_unlock(&q->lock);
        fm_solver_job_free(job);
        return fm_err_set(err, FM_EIO, "the solver queue is full");
    }
    if (q->tail)
        q->tail->next = job;
    else
        q->head = job;
    q->tail = job;
    q->waiting++;
    c->job = job;
    c->job_finish = finish;
    pthread_cond_signal(&q->cond);
    pthread_mutex_unlock(&q->lock);
    return FM_OK;
}

bool fm_solver_job_suspend_if_pending(fm_http_ctx *c)
{
    fm_solve_job *job = c->job;
    bool suspended = false;

    pthread_mutex_lock(&job->lock);
    if (!job->done) {
        /* Under the job's lock, so the solver cannot resume before we suspend. */
        MHD_suspend_connection(c->conn);
        job->suspended = true;
        suspended = true;
    }
    pthread_mutex_unlock(&job->lock);
    return suspended;
}

fm_rc fm_solver_job_result(fm_solve_job *job, cJSON **result, fm_err *err)
{
    fm_rc rc;

    pthread_mutex_lock(&job->lock);
    rc = job->rc;
    if (rc && err)
        *err = job->err;
    *result = job->result;
    pthread_mutex_unlock(&job->lock);
    return rc;
}

void fm_solver_job_free(fm_solve_job *job)
{
    if (!job)
        return;
    /* Wait for the solver thread to let go of the lock (see job_finish). */
    pthread_mutex_lock(&job->lock);
    pthread_mutex_unlock(&job->lock);
    pthread_mutex_destroy(&job->lock);
    if (job->free_arg)
        job->free_arg(job->arg);
    cJSON_Delete(job->result);
    free(job);
}

/* ---- the running match's progress board ---- */

void fm_solver_run_begin(struct fm_solver_queue *q, const char *fair_id)
{
    pthread_mutex_lock(&q->board_lock);
    memset(&q->run, 0, sizeof q->run);
    q->run.running = true;
    snprintf(q->run.fair_id, sizeof q->run.fair_id, "%s", fair_id);
    atomic_store(&q->stop, 0);
    pthread_mutex_unlock(&q->board_lock);
}

void fm_solver_run_end(struct fm_solver_queue *q)
{
    pthread_mutex_lock(&q->board_lock);
    q->run.running = false;
    pthread_mutex_unlock(&q->board_lock);
}

void fm_solver_run_progress(const fm_solve_progress *p, void *queue)
{
    struct fm_solver_queue *q = queue;
    pthread_mutex_lock(&q->board_lock);
    q->run.last = *p;
    snprintf(q->run.phase_buf, sizeof q->run.phase_buf, "%s", p->phase ? p->phase : "");
    q->run.last.phase = q->run.phase_buf;
    q->run.have_progress = true;
    pthread_mutex_unlock(&q->board_lock);
}

const atomic_int *fm_solver_run_stop_flag(struct fm_solver_queue *q)
{
    return &q->stop;
}

void fm_solver_run_get(struct fm_solver_queue *q, fm_solver_run *out)
{
    pthread_mutex_lock(&q->board_lock);
    *out = q->run;
    out->last.phase = out->phase_buf;
    pthread_mutex_unlock(&q->board_lock);
}

bool fm_solver_run_stop(struct fm_solver_queue *q, const char *fair_id)
{
    bool ok;
    pthread_mutex_lock(&q->board_lock);
    ok = q->run.running && strcmp(q->run.fair_id, fair_id) == 0;
    if (ok) {
        q->run.stopping = true;
        atomic_store(&q->stop, 1);
    }
    pthread_mutex_unlock(&q->board_lock);
    return ok;
}
